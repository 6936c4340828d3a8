"""Reports as data for other tools: one record per table cell (:mod:`.records`) and pandas frames (:mod:`.frames`)."""
