"""The project page: what a link from ``open``, ``export`` or ``state`` shows in a browser.

``view`` builds the page's data from the typed timeline and the store, ``media`` makes its pictures
and waveform, ``shell`` its HTML, ``routes`` its endpoints, ``text`` its words; ``assets/`` holds the
page's own script and style (no build step, no network).
"""
