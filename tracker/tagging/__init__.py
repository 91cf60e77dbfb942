"""Everything about tagging: the catalog of issue areas and frameworks as data, phrase
matching, evidence, the tagger, the merge with people's decisions, the learned model,
evaluation and batch classification. Pure but for `catalog.load_catalog` (reads the shipped
TOML files) and `learned` (scikit-learn, imported only where a model is trained or used)."""
