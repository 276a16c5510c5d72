"""How big an input may be before publisher refuses it with a clear error.

A small hostile or broken file (an alias bomb, a zip bomb, 10,000 nested <div>s) can cost
minutes and gigabytes, or crash a renderer.
"""

from __future__ import annotations

# YAML (manifests, front matter): far above anything written by hand, far below a bomb.
YAML_MAX_ALIASES = 100  # uses of an &anchor through *alias
YAML_MAX_NODES = 10_000  # values, counting every alias expansion
YAML_MAX_DEPTH = 50  # mappings and lists inside each other
