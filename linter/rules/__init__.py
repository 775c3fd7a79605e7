"""Built-in rules: ``KZ1xx`` compare an aligned pair, ``KZ2xx`` read one text."""
