"""Everything about translation work: fallback detection, status, PO export and import."""
