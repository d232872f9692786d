"""The reader's judgements on pairs: records, the file they live in, re-anchoring to edited
articles, feedback into the story and export."""
