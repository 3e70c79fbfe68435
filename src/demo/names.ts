// Word lists for plausible Chinese names of market entities and projects.

export const FIRM_WORDS = [
  '宏达',
  '鑫源',
  '恒泰',
  '金桥',
  '蒙原',
  '草原',
  '北疆',
  '天骄',
  '瑞丰',
  '远航',
  '兴盛',
  '华润',
  '正元',
  '锦程',
  '长城',
  '贺兰',
  '沙漠之舟',
  '胡杨',
  '驼乡',
  '祥和',
  '中盛',
  '万通',
  '腾飞',
  '昊天',
  '安泰',
  '博远',
  '嘉禾',
  '诚信',
  '通达',
  '汇丰',
];

export const TRADES: Record<string, readonly string[]> = {
  construction: ['建设工程', '路桥工程', '水利水电', '市政工程', '建筑安装'],
  government_procurement: ['信息技术', '办公设备', '医疗器械', '物业服务', '商贸'],
  land_use_rights: ['房地产开发', '置业', '实业'],
  mining_rights: ['矿业', '能源', '煤业'],
  state_property: ['投资', '资产管理', '实业'],
  medical_purchase: ['医药', '医疗器械', '生物科技'],
  emission_rights: ['化工', '能源', '电力'],
  concession: ['环境科技', '水务', '公用事业'],
  other: ['科技', '文化传媒', '农牧业'],
};

export const SUFFIXES = ['有限公司', '有限责任公司', '股份有限公司'] as const;

export const AGENCY_WORDS = ['招标代理', '工程咨询', '项目管理', '采购咨询'];

export const INITIATOR_BODIES = ['教育局', '卫生健康委员会', '住房和城乡建设局', '交通运输局', '水利局', '自然资源局', '农牧局', '财政局', '人民医院', '城市投资发展有限公司'];

export const PROJECT_OBJECTS: Record<string, readonly string[]> = {
  construction: ['第一中学教学楼新建工程', '城区道路改造工程', '供热管网改造工程', '水库除险加固工程', '老旧小区改造项目', '污水处理厂提标改造工程'],
  government_procurement: ['信息化平台建设项目', '办公设备采购项目', '医疗设备采购项目', '物业管理服务采购', '校园安防系统采购', '公务用车采购项目'],
  land_use_rights: ['国有建设用地使用权挂牌出让', '商住用地使用权拍卖出让', '工业用地使用权挂牌出让'],
  mining_rights: ['石灰岩矿采矿权出让', '萤石矿探矿权出让', '建筑用砂石矿采矿权出让'],
  state_property: ['国有股权转让', '闲置房产转让', '车辆资产处置'],
  medical_purchase: ['药品带量采购', '医用耗材集中采购', '检验试剂集中采购'],
  emission_rights: ['排污权有偿使用交易', '二氧化硫排污权交易'],
  concession: ['城市供水特许经营权', '停车场特许经营权', '垃圾处理特许经营权'],
  other: ['广告位使用权出让', '林权流转交易', '草原承包经营权流转'],
};

export const SURNAMES = ['王', '李', '张', '刘', '陈', '杨', '赵', '黄', '周', '吴', '巴特尔', '其其格', '乌云', '额尔敦', '苏和'];
export const GIVEN = ['伟', '敏', '静', '强', '磊', '军', '洋', '勇', '艳', '杰', '娜', '涛', '明', '超', '霞'];
