"""Where analysed articles are kept: ``Store.open(url)``, ``save``, ``get``, ``events``."""

from .database import EventFilter, SaveResult, Store, analysis_hash, event_conditions

__all__ = ["EventFilter", "SaveResult", "Store", "analysis_hash", "event_conditions"]
