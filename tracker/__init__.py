"""Minnesota education advocacy tracker."""

__version__ = "0.1.0"
