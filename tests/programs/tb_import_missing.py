def load():
    import no_such_module_for_ferric
load()
