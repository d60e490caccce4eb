"""What tests share: builders, clients, the list of public pages, page
readers. Test modules import from here, never from each other or from a
conftest."""
