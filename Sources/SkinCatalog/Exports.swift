@_exported import SkinDomain
