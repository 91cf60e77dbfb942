"""The tests' own fault-injecting replay servers: a synthetic or saved Revisor session that
changes between crawls, and faults injected per request (errors, Retry-After, delays,
dropped connections, rewritten layouts), with the time each request arrived and was answered.

`bench/crawl.py` serves its synthetic session with the same server.
"""
