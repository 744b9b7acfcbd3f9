"""CSV and XLSX exports, audited."""
