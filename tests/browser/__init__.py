"""Browser tests for the checker site (a package so that its conftest is browser.conftest)."""
