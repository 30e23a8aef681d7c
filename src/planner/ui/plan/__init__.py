"""The Plan page's sections, one module each; `sections.SECTIONS` maps a section id to its `show(view)`."""
