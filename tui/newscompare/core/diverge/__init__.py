"""What two aligned passages report differently, and the word spans the reader highlights."""
