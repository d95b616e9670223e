"""Names inside the data folder used while restoring (cheap to import: start-up checks for them)."""
STAGING = "khoi-phuc-cho"          # an archive checked and unpacked, waiting to be swapped in
JOURNAL = "khoi-phuc.json"         # a swap under way: finished at the next start if the power went out
ASIDE_PREFIX = "truoc-khoi-phuc-"  # the data a restore replaced, kept so the restore can be undone
TEMP_PREFIX = "~cchc-tam-"         # a file being written on a backup target: removed by the next run if left
