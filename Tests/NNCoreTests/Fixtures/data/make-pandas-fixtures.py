"""Writes the pandas-made fixtures for DataFileTests (pandas 3.1.1, numpy 2.4.6).

Run from this folder: python3 make-pandas-fixtures.py. Each CSV comes with a .hex file that
holds the same samples as float.hex() values, so the test checks exact doubles.
"""
import numpy as np
import pandas as pd

rng = np.random.default_rng(7)


def write(name, df, **kwargs):
    df.to_csv(name + ".csv", **kwargs)
    with open(name + ".hex", "w") as f:
        for x1, x2, y in zip(df["x1"], df["x2"], df["y"]):
            f.write(f"{float(x1).hex()} {float(x2).hex()} {float(y).hex()}\n")


# Numbers of every shape pandas writes: long fractions, 1e-05, -0.0, 3.0, large and tiny.
x1 = np.concatenate([rng.normal(size=8), [1e-05, -0.0, 3.0, 123456789.125, -2.5e-300, 1.0]])
x2 = np.concatenate([rng.uniform(-1, 1, size=8), [0.1, 0.2, -1.25, 7e22, 0.0, 1e-07]])
df = pd.DataFrame({"x1": x1, "x2": x2})
df["y"] = ((df.x1 * df.x2) > 0).astype(int)
write("pandas-floats", df, index=False)

# A boolean label column and another column order: pandas writes True/False.
df2 = pd.DataFrame({"y": [True, False, True], "x2": [0.5, -1.0, 2.0], "x1": [1, 0, 1]})
write("pandas-bool-y", df2, index=False)

# A NaN in x2 (row 3, file line 4): pandas writes an empty cell.
df3 = pd.DataFrame({"x1": [0.0, 1.0, 0.5], "x2": [1.0, 0.0, np.nan], "y": [1, 0, 1]})
df3.to_csv("pandas-nan.csv", index=False)

# to_csv() without index=False: an unnamed index column first.
df3.fillna(0).to_csv("pandas-index.csv")
