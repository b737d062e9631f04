from crosswire.interfaces.cli import main

main()
