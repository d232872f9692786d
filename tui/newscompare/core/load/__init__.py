"""Reading articles as users have them: files, folders, URLs, saved HTML, any encoding, front
matter."""
