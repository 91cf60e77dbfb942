"""Pure parsers of the sources' responses: bytes or text in, typed records out.

No Scrapy requests or responses and no database here, so each parser is tested on saved
files alone. `common` holds the helpers more than one parser (or spider) needs.
"""
