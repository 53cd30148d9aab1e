import NNCore
let d = NotebookDraw(seed: 42)
print(d.X, d.W, d.b)
let bus = TraceBus(); let rec = TraceRecorder(); bus.attach(rec)
let t = Trainer(setup: TrainingSetup(dataset: .or, epochs: 1000), bus: bus)
t.run()
print(rec.epochLosses.first!, rec.epochLosses.last!, rec.count)
let t2 = Trainer(setup: TrainingSetup(dataset: .or, epochs: 1000, mode: .notebook), bus: TraceBus())
t2.run(); print(t2.neuron)
