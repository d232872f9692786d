"""Which passages of different articles report the same fact: candidates, scores, selection and
event groups."""
