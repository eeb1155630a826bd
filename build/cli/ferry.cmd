@echo off
rem The `ferry` command of the installed desktop app (Windows): the CLI run by the app's own
rem Electron as Node, with the Electron build of the database module the app ships.
setlocal
set "ELECTRON_RUN_AS_NODE=1"
set "FERRY_SQLITE_ADDON=%~dp0..\native\better_sqlite3.node"
"%~dp0..\..\Ferry Notes.exe" "%~dp0run-ferry.mjs" %*
