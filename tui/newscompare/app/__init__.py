"""The Textual reader. Renders what the engine computes; never aligns anything itself."""
