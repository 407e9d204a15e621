"""One module per CLI sub-command: NAME, HELP, add_arguments(parser), run(args) -> exit code."""
