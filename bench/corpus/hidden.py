"""Hidden content planted in every place a viewer does not show, and its negatives (the
hidden-content issue fills this module)."""
