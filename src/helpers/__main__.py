import sys

from helpers.warm import forward

# the review loop's commands run in the project's render server when it holds their key (warm:
# their imports done); anything else, or without such a server, runs here
served = forward(sys.argv[1:])
if served is not None:
    raise SystemExit(served)

from helpers.cli import main  # noqa: E402  (only when the command runs in this process)

raise SystemExit(main())
