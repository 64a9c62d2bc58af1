"""Browser tests: headless Chromium over built sites."""
