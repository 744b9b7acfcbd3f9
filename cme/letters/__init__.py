"""Letter templates, PDF rendering and issued documents."""
