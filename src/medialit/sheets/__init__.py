"""Which sheets a build makes: levels, versions, short versions, rosters and copies."""
