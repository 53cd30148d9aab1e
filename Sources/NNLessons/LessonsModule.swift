// temporary until the lessons layer lands
