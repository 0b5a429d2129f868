from portout.cli.main import main

raise SystemExit(main())
