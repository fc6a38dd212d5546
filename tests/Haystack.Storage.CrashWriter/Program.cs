// Filled in with the crash-safety tests.
return 0;
