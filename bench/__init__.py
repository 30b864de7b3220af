"""`make bench` (bench.run): the project measuring itself at national scale (issue 11)."""
