"""Write the briefings: load a period, format and word it, draw its charts, render notebooks to HTML and PDF."""
