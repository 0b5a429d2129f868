from portout.cli import main

raise SystemExit(main())
