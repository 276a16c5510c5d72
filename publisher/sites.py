"""The files that make a folder a static site generator's site, as the site was copied into
documents/ with its configuration: where Liquid means Liquid (Jekyll, Eleventy), where a
picture named from the site's root is (`resources`), which folders hold no writing (`pool`)."""

from __future__ import annotations

HUGO_CONFIGS = (
    "hugo.toml", "hugo.yaml", "hugo.yml", "hugo.json",
    "config.toml", "config.yaml", "config.yml", "config.json",  # Hugo's older names, Zola's
)  # fmt: skip
JEKYLL_CONFIGS = ("_config.yml", "_config.yaml", "_config.toml")
ELEVENTY_CONFIGS = (
    ".eleventy.js", "eleventy.config.js", "eleventy.config.mjs", "eleventy.config.cjs",
)  # fmt: skip
JAVASCRIPT_SITE_CONFIGS = (  # Astro's and Docusaurus'
    "astro.config.mjs", "astro.config.js", "astro.config.ts",
    "docusaurus.config.js", "docusaurus.config.ts",
)  # fmt: skip
SITE_CONFIGS = (*HUGO_CONFIGS, *JEKYLL_CONFIGS, *ELEVENTY_CONFIGS, *JAVASCRIPT_SITE_CONFIGS)
