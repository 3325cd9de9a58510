"""`normcheck report`: what a desk editor reads about an archive, as text, JSON or one self-contained HTML page."""
