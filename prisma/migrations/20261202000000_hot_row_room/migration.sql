-- Room on each page for the next version of a row. A histogram bucket and a learner's totals are rewritten
-- by nearly every event; with free space on the page the new version stays there (a HOT update: no new
-- index entries, and the old version is pruned on the spot), so a board's buckets stay on a few pages
-- instead of spreading over the table, and reading a board's ranked count touches those pages only.
-- Applies to pages written from now on.
ALTER TABLE "board_histogram" SET (fillfactor = 50);
ALTER TABLE "learner" SET (fillfactor = 80);
