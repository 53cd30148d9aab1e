import NNRender
