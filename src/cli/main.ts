process.stdout.write('roundup\n');
