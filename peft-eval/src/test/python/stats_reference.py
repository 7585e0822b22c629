#!/usr/bin/env python3
"""Reference values for org.peft4j.eval.stats, computed once with SciPy and committed as
peft-eval/src/test/resources/stats/scipy-reference.json. The Java build never runs this script.

Pinned versions: Python 3.11.7, scipy==1.14.1, numpy==2.2.6 (also printed into the JSON).
Run:  python3 -m venv /tmp/venv && /tmp/venv/bin/pip install scipy==1.14.1 numpy==2.2.6
      /tmp/venv/bin/python stats_reference.py > ../resources/stats/scipy-reference.json
"""
import json
import math
import platform

import numpy as np
import scipy
from scipy import stats

out = {"python": platform.python_version(), "scipy": scipy.__version__, "numpy": np.__version__}

# McNemar exact = two-sided binomial test with p = 1/2 on the discordant pairs (b, c).
pairs = [(0, 1), (3, 3), (5, 15), (10, 2), (12, 30), (40, 60), (1, 9), (100, 130), (7, 0)]
out["mcnemar"] = [{"b": b, "c": c, "p": stats.binomtest(b, b + c, 0.5, alternative="two-sided").pvalue}
                  for b, c in pairs]

# Friedman chi-square (tie-corrected) on tasks x methods score matrices; Iman-Davenport F and p.
matrices = [
    [[70.5, 68.1, 72.3], [55.0, 54.2, 57.9], [90.1, 88.8, 91.0], [40.2, 41.5, 44.0], [63.3, 60.0, 66.1]],
    [[1.0, 2.0, 3.0, 4.0], [2.0, 1.0, 4.0, 3.0], [1.0, 1.0, 3.0, 2.0], [4.0, 2.0, 3.0, 1.0],
     [1.5, 2.5, 2.5, 4.0], [3.0, 1.0, 2.0, 5.0]],
]
fried = []
for m in matrices:
    a = np.array(m)
    n, k = a.shape
    chi, p = stats.friedmanchisquare(*[a[:, j] for j in range(k)])
    f = (n - 1) * chi / (n * (k - 1) - chi)
    fp = stats.f.sf(f, k - 1, (k - 1) * (n - 1))
    ranks = np.mean([stats.rankdata(-row) for row in a], axis=0)
    fried.append({"scores": m, "chi2": chi, "p": p, "F": f, "pF": fp, "averageRanks": list(ranks)})
out["friedman"] = fried

# Nemenyi q_alpha = studentized range quantile (df = inf) / sqrt(2), alpha = 0.05 and 0.10.
out["nemenyi"] = [{"k": k, "alpha": a,
                   "q": stats.studentized_range.ppf(1 - a, k, np.inf) / math.sqrt(2)}
                  for a in (0.05, 0.10) for k in range(2, 13)]

# Holm adjusted p-values (scipy.stats.false_discovery_control has no Holm; computed by definition).
raw = [0.01, 0.04, 0.03, 0.005, 0.5]
order = np.argsort(raw)
adj = np.empty(len(raw))
running = 0.0
for j, i in enumerate(order):
    running = max(running, min(1.0, (len(raw) - j) * raw[i]))
    adj[i] = running
out["holm"] = {"p": raw, "adjusted": list(adj)}

# Percentile of a fixed vector (numpy's default linear method) and a percentile bootstrap of the
# mean of a 0/1 correctness vector (141 of 200 right): scipy.stats.bootstrap, B = 100000.
values = [3.1, 0.5, 7.25, 2.0, 9.9, 4.4, 1.05, 6.0, 5.5, 8.75, 0.0]
out["percentile"] = {"values": values,
                     "q": [2.5, 50.0, 97.5],
                     "expected": [float(np.percentile(values, q)) for q in (2.5, 50.0, 97.5)]}
correct = np.array([1] * 141 + [0] * 59)
res = stats.bootstrap((correct * 100.0,), np.mean, n_resamples=100000, confidence_level=0.95,
                      method="percentile", random_state=np.random.default_rng(17))
out["bootstrap"] = {"right": 141, "total": 200, "replicates": 100000,
                    "lower": res.confidence_interval.low, "upper": res.confidence_interval.high}

# Interval of a standard deviation from n seeds, as multiples of the sample std (normal theory).
out["stdSpread"] = [{"seeds": n, "lower": math.sqrt((n - 1) / stats.chi2.ppf(0.975, n - 1)),
                     "upper": math.sqrt((n - 1) / stats.chi2.ppf(0.025, n - 1))} for n in (2, 3, 5, 10)]

print(json.dumps(out, indent=2))
