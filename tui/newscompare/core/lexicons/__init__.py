"""General news vocabulary (aliases, event words, framing and attribution terms), each list
naming its source; config.yaml extends them."""
