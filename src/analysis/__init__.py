"""Data, checks, charts and maps behind the book on the 2013-2014 Kerry-led talks."""
