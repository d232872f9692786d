"""The one text layer every stage reads through: tokens, folding and sentence splitting."""
