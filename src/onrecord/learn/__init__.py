"""A statistical judge of statement candidates, trained locally on an annotated corpus.

The rules propose candidates (wider than they would keep on their own); a logistic model
over features of the parse says how likely each one is an attribution. ``onrecord train``
fits it on a brat corpus the user has; ``--model PATH`` uses it. Nothing trained ships with
the package: the model is the user's, built from the user's data.
"""
from .rescorer import LogisticRescorer
from .train import TrainReport, train

__all__ = ["LogisticRescorer", "TrainReport", "train"]
