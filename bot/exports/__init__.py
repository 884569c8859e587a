"""/export: the books leave the chat as files (CSV, XLSX, PDF, ZIP), and a picture of the year."""
