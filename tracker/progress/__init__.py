"""Progress on the strategic plan: what became of the bills the association took a position
on, metrics per framework item and issue area for any period, one-year goals, and the
quarterly report. `load` gathers facts from the store; `outcomes`, `metrics` and `report`
are pure; `charts` and `render` draw and print it (HTML, PDF)."""
