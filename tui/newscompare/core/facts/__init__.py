"""What a passage states on its own: quantities with what they count, dates, names, quotes,
attribution and framing terms. Read once per passage; alignment and divergence share it."""
