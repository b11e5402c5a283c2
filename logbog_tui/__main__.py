from logbog_tui.cli import main

raise SystemExit(main())
