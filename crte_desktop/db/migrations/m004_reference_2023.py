"""Frozen reference data seeded by migration m004 (the CRTE since 2023), each list with its source.

A migration must not change when the application does: these lists are what m004 writes into every
workspace; the user then edits the Fonds vert mesures and the schemes' lapse delays in the reference data.
"""

SGPE_LEVERS_SOURCE = (
    "Les 50 leviers de la planification écologique (Secrétariat général à la planification écologique, "
    "mars 2025), liste de référence du schéma national des projets de collectivités : "
    "github.com/betagouv/schema-projet-collectivites-transition-ecologique, "
    "reference-data/50_leviers_SGPE_03_2025.csv (Licence Ouverte 2.0)"
)

# In the order of the source file.
SGPE_LEVERS = (
    "Gestion des forêts et produits bois",
    "Changements de pratiques de fertilisation azotée",
    "Elevage durable",
    "Gestion des haies",
    "Bâtiments & Machines agricoles",
    "Gestion des prairies",
    "Pratiques stockantes",
    "Sobriété foncière",
    "Surface en aire protégée",
    "Résorption des points noirs prioritaires de continuité écologique",
    "Restauration des habitats naturels",
    "Réduction de l'usage des produits phytosanitaires",
    "Développement de l'agriculture biologique et de HVE",
    "Respect d'Egalim pour la restauration collective",
    "Sobriété des bâtiments (résidentiel)",
    "Changement chaudières fioul + rénovation (résidentiel)",
    "Changement chaudières gaz + rénovation (résidentiel)",
    "Rénovation (hors changement chaudières)",
    "Sobriété des bâtiments (tertiaire)",
    "Changement chaudières fioul + rénovation (tertiaire)",
    "Changement chaudières gaz + rénovation (tertiaire)",
    "Gaz fluorés résidentiel",
    "Gaz fluorés tertiaire",
    "Captage de méthane dans les ISDND",
    "Prévention des déchets",
    "Valorisation matière des déchets",
    "Moindre stockage en décharge",
    "Augmentation du taux de collecte",
    "Sobriété dans l'utilisation de la ressource en eau",
    "Protection des zones de captage d'eau",
    "Désimperméabilisation des sols",
    "Electricité renouvelable",
    "Biogaz",
    "Réseaux de chaleur décarbonés",
    "Top 50 sites industriels",
    "Industrie diffuse",
    "Fret décarboné et multimodalité",
    "Efficacité et sobriété logistique",
    "Réduction des déplacements",
    "Covoiturage",
    "Vélo",
    "Transports en commun",
    "Véhicules électriques",
    "Efficacité énergétique des véhicules privés",
    "Bus et cars décarbonés",
    "2 roues (élec&efficacité)",
    "Nucléaire",
    "Bio-carburants",
    "Efficacité des aéronefs",
    "SAF",
)

FONDS_VERT_SOURCE = (
    "Fonds d'accélération de la transition écologique dans les territoires (« Fonds vert ») : circulaire du "
    "28 décembre 2022 et cahiers d'accompagnement des mesures (2023), reconduites par la circulaire du "
    "28 décembre 2023 (2024). Les mesures changent chaque année : la liste se complète dans les données de "
    "référence."
)

# (axis, mesure, first year)
FONDS_VERT_MESURES = (
    ("Performance environnementale", "Rénovation énergétique des bâtiments publics locaux", 2023),
    ("Performance environnementale", "Rénovation des parcs de luminaires d'éclairage public", 2023),
    ("Performance environnementale", "Tri à la source et valorisation des biodéchets", 2023),
    ("Adaptation au changement climatique", "Prévention des risques d'inondation", 2023),
    ("Adaptation au changement climatique", "Prévention des risques d'incendie de forêt", 2023),
    ("Adaptation au changement climatique", "Prévention des risques naturels en montagne", 2023),
    ("Adaptation au changement climatique", "Adaptation des territoires littoraux au recul du trait de côte", 2023),
    ("Adaptation au changement climatique", "Renaturation des villes et des villages", 2023),
    ("Amélioration du cadre de vie", "Recyclage des friches", 2023),
    ("Amélioration du cadre de vie", "Accompagnement des zones à faibles émissions mobilité (ZFE-m)", 2023),
    ("Amélioration du cadre de vie", "Stratégie nationale biodiversité 2030", 2023),
    ("Performance environnementale", "Rénovation énergétique et renaturation des établissements scolaires", 2024),
)

LAPSE_SOURCE = (
    "Décret n° 2018-514 du 25 juin 2018 relatif aux subventions de l'État pour des projets d'investissement, "
    "article 11 : la subvention devient caduque si le projet n'a reçu aucun commencement d'exécution deux ans "
    "après sa notification (prorogation exceptionnelle d'un an au plus)."
)

# Schemes of the State (seeded in m001) whose subsidies lapse without a start of works: months after the decision.
LAPSE_MONTHS = {
    "DSIL": 24, "DSIL relance": 24, "DETR": 24, "FNADT": 24, "DSID": 24, "Fonds vert": 24, "Fonds friches": 24,
}
