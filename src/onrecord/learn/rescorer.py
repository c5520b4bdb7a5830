"""A logistic rescorer stored as plain JSON weights: readable, diffable, no pickles."""
from __future__ import annotations

import json
import math
import os
from dataclasses import dataclass, field

from ..errors import InputError
from ..nlp.statements import Candidate, Parse
from .features import features

FORMAT = "onrecord/rescorer@1"


@dataclass
class LogisticRescorer:
    weights: dict[str, float] = field(default_factory=dict)
    bias: float = 0.0
    threshold: float = 0.5
    trained_on: str = ""

    def probability(self, feats: dict[str, float]) -> float:
        z = self.bias + sum(self.weights.get(k, 0.0) * v for k, v in feats.items())
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))

    def score(self, cand: Candidate, parse: Parse) -> float:
        return round(self.probability(features(cand, parse)), 3)

    def save(self, path: str | os.PathLike[str]) -> None:
        data = {"format": FORMAT, "bias": self.bias, "threshold": self.threshold,
                "trained_on": self.trained_on, "weights": dict(sorted(self.weights.items()))}
        with open(path, "w", encoding="utf-8") as fh:
            json.dump(data, fh, indent=1)

    @classmethod
    def load(cls, path: str | os.PathLike[str]) -> "LogisticRescorer":
        try:
            with open(path, encoding="utf-8") as fh:
                data = json.load(fh)
        except FileNotFoundError:
            raise InputError(str(path), "no such model file") from None
        except (OSError, ValueError) as err:
            raise InputError(str(path), f"not a model file ({err.__class__.__name__})") from None
        if not isinstance(data, dict) or data.get("format") != FORMAT:
            raise InputError(str(path), f"not an {FORMAT} model (make one with `onrecord train`)")
        return cls(data["weights"], data["bias"], data["threshold"], data.get("trained_on", ""))
