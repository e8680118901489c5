from icp_tui.cli import main

raise SystemExit(main())
